"""/api/v1/: each app's read-only API views on one router, and the OpenAPI description.

The apps own their serializers and views (exercises/, programs/ and articles/api.py); this
module only wires them, as backsite/urls.py does for the pages. See docs/api.md.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from articles import api as articles
from exercises import api as exercises
from programs import api as programs

router = DefaultRouter()
router.register("exercises", exercises.ExerciseViewSet, basename="exercise")
router.register("muscles", exercises.MuscleViewSet, basename="muscle")
router.register("regions", exercises.RegionViewSet, basename="region")
router.register("equipment", exercises.EquipmentViewSet, basename="equipment")
router.register("goals", exercises.GoalViewSet, basename="goal")
router.register("references", exercises.ReferenceViewSet, basename="reference")
router.register("programs", programs.ProgramViewSet, basename="program")
router.register("articles", articles.ArticleViewSet, basename="article")
router.register("faq", articles.QuestionViewSet, basename="question")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
]
