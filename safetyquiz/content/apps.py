from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "safetyquiz.content"
    label = "content"
    verbose_name = "Training content"
