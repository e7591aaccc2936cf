from django.urls import path

from yeongilman.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.policy, name="policy"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.download, name="download"),
    path("my-data/delete/", views.delete_account, name="delete"),
]
