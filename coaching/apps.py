from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    label = "coaching"
    verbose_name = "Coaching"
