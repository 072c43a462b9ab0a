from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    """The questions: the wizard's steps, the diagnosis, result pages and guides."""

    name = "wizard.questions"
    label = "questions"
