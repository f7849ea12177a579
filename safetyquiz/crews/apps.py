from django.apps import AppConfig


class CrewsConfig(AppConfig):
    name = "safetyquiz.crews"
    label = "crews"
