from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("programs/", views.ProgramListView.as_view(), name="program-list"),
    path("programs/guidelines/", views.GuidelinesView.as_view(), name="guidelines"),
    path("programs/<slug:slug>/", views.ProgramDetailView.as_view(), name="program-detail"),
    path("balance/", views.BalanceView.as_view(), name="balance"),
]
