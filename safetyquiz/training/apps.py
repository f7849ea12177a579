from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "safetyquiz.training"
    label = "training"
