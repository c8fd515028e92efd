from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_publishing import PublishingAdminMixin

from .models import Article, ArticleReference, Question


class ArticleReferenceInline(admin.TabularInline):
    model = ArticleReference
    extra = 0
    autocomplete_fields = ["reference"]
    verbose_name_plural = "references (numbered in this order)"


@admin.register(Article)
class ArticleAdmin(PublishingAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "topic", "status", "reviewer_name", "last_reviewed", "updated_at"]
    list_filter = ["status", "topic", "goals", ("image", admin.EmptyFieldListFilter)]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["exercises", "muscles", "image"]
    filter_horizontal = ["goals"]
    inlines = [ArticleReferenceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "summary", "image", "body"]}),
        (
            "Authors and review",
            {
                "fields": [
                    ("author_name", "author_credentials"),
                    ("reviewer_name", "reviewer_credentials"),
                    "last_reviewed",
                ]
            },
        ),
        ("Related", {"fields": ["exercises", "muscles", "goals"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]


@admin.register(Question)
class QuestionAdmin(PublishingAdminMixin, SimpleHistoryAdmin):
    list_display = ["question", "topic", "position", "status"]
    list_filter = ["status", "topic"]
    list_editable = ["position"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    autocomplete_fields = ["article", "references"]
