from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "safetyquiz.reports"
    label = "reports"
