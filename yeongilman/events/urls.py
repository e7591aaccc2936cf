from django.urls import path, register_converter

from yeongilman.directory.urls import UnicodeSlugConverter
from yeongilman.events import views

register_converter(UnicodeSlugConverter, "evslug")

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("agenda/", views.agenda, name="agenda"),
    path("calendar/<str:token>.ics", views.personal_calendar, name="personal_calendar"),
    path("<evslug:slug>/", views.event_page, name="detail"),
    path("<evslug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<evslug:slug>/register/", views.register, name="register"),
    path("<evslug:slug>/cancel/", views.cancel, name="cancel"),
    path("<evslug:slug>/b2b/", views.b2b, name="b2b"),
    path(
        "<evslug:slug>/b2b/request/<int:registration_id>/", views.send_request, name="send_request"
    ),
    path("<evslug:slug>/b2b/answer/<int:request_id>/", views.answer_request, name="answer"),
    path("<evslug:slug>/b2b/availability/", views.availability, name="availability"),
    path("<evslug:slug>/b2b/manage/", views.manage, name="manage"),
    path("<evslug:slug>/b2b/runs/<int:run_id>/", views.run_status, name="run_status"),
    path("<evslug:slug>/b2b/move/<int:request_id>/", views.move, name="move"),
]
