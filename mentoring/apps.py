from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"
