from django.urls import path

from . import views
from .feeds import ArticlesFeed

app_name = "articles"

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path("articles/feed/", ArticlesFeed(), name="feed"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("faq/", views.FaqView.as_view(), name="faq"),
    path("benefits/", views.BenefitListView.as_view(), name="benefits"),
]
