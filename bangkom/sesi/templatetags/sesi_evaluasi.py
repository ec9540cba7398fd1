from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def url_evaluasi(induk, skala: str) -> str:
    """Link to the evaluation form of a coaching agreement / mentoring request:
    `{% url_evaluasi k "manfaat" %}` (the coachee/mentee) or `"kontribusi"` (their supervisor)."""
    label = f"{induk._meta.app_label}.{induk._meta.model_name}"
    return reverse("sesi:evaluasi", args=[label, induk.pk, skala])
