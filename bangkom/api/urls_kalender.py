from django.urls import path

from . import views_kalender

app_name = "kalender"

urlpatterns = [
    path("<str:token>.ics", views_kalender.kalender_feed, name="feed"),
]
