"""URLconf of peer 1 (bench/peer1_settings.py): django-eventstream's own view, one channel per URL."""

from django.urls import path
from django_eventstream.views import events

urlpatterns = [
    path("events/<str:channel>", events),
]
