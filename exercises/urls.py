from django.urls import path

from . import anatomy, views
from .feeds import NewExercisesFeed

app_name = "exercises"

urlpatterns = [
    path("exercises/", views.ExerciseListView.as_view(), name="exercise-list"),
    path("exercises/feed/", NewExercisesFeed(), name="feed"),
    path("exercises/sheet/", views.rehab_sheet, name="rehab-sheet"),
    path("exercises/<slug:slug>/", views.ExerciseDetailView.as_view(), name="exercise-detail"),
    path(
        "exercises/<slug:slug>/figure-<str:version>/<str:frame>.svg",
        views.exercise_figure,
        name="exercise-figure",
    ),
    path(
        "exercises/<slug:slug>/figure-<str:version>/share.png",
        views.exercise_share_image,
        name="exercise-share-image",
    ),
    path("anatomy/", anatomy.AnatomyView.as_view(), name="anatomy"),
    path("anatomy/regions/<slug:slug>/", anatomy.RegionDetailView.as_view(), name="region-detail"),
    path("anatomy/muscles/<slug:slug>/", anatomy.MuscleDetailView.as_view(), name="muscle-detail"),
]
