"""Printing pages, under an event's address (/events/<slug>/print/…)."""

from django.urls import path

from yeongilman.onsite.printing import views

app_name = "printing"

urlpatterns = [
    path("<uslug:slug>/print/", views.event_printing, name="event"),
    path("<uslug:slug>/print/jobs/<id:job_id>/", views.download, name="download"),
    path("<uslug:slug>/print/badge/<id:registration_id>.pdf", views.badge, name="badge"),
    path("<uslug:slug>/print/agenda/<id:registration_id>.pdf", views.agenda, name="agenda"),
]
