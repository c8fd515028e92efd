from django import template

from core.dashboard import editorial_dashboard

register = template.Library()


@register.inclusion_tag("admin/includes/dashboard.html")
def dashboard():
    return editorial_dashboard()
