from exercises.sitemaps import PagesSitemap, SiteSitemap

from .models import ProgramTemplate


class ProgramPagesSitemap(PagesSitemap):
    names = ["programs:program-list", "programs:guidelines", "programs:balance"]


class ProgramSitemap(SiteSitemap):
    def items(self):
        return ProgramTemplate.objects.published().only("slug", "updated_at").order_by("pk")


SECTIONS = {"program-pages": ProgramPagesSitemap, "programs": ProgramSitemap}
