"""The content's texts in English and Spanish (django-modeltranslation): each translated
field gets ``<field>_en`` and ``<field>_es``; the English already written is copied into
``<field>_en``. Each translated row records what English its translation was made from, and
a quote gets a Spanish translation beside it."""

from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce

# Frozen here, as migrations import no app code: the fields content/translation.py translates.
TRANSLATED = {
    "module": ("title", "summary", "briefing", "objectives"),
    "slot": ("objective", "teaching_point"),
    "question": ("prompt", "role", "explanation"),
    "choice": ("text", "feedback"),
    "failure": ("title", "description"),
    "department": ("name",),
}


def english_in_place(apps, schema_editor):
    for model, fields in TRANSLATED.items():
        apps.get_model("content", model).objects.update(
            **{f"{field}_en": F(field) for field in fields}
        )


def english_back(apps, schema_editor):
    for model, fields in TRANSLATED.items():
        apps.get_model("content", model).objects.update(
            **{field: Coalesce(F(f"{field}_en"), F(field)) for field in fields}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0008_drafts_of_published_modules'),
    ]

    operations = [
        migrations.AddField(
            model_name='choice',
            name='feedback_en',
            field=models.TextField(blank=True, help_text='Shown to a learner who picks this.', null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='feedback_es',
            field=models.TextField(blank=True, help_text='Shown to a learner who picks this.', null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='text_en',
            field=models.CharField(max_length=500, null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='text_es',
            field=models.CharField(max_length=500, null=True),
        ),
        migrations.AddField(
            model_name='choice',
            name='translated_from',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Per language, per field: a fingerprint of the English the translation was made from (manage.py translations stamp), so a change to the English shows.'),
        ),
        migrations.AddField(
            model_name='department',
            name='name_en',
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name='department',
            name='name_es',
            field=models.CharField(max_length=80, null=True),
        ),
        migrations.AddField(
            model_name='excerpt',
            name='quote_es',
            field=models.TextField(blank=True, help_text='A Spanish translation of the quote, shown beside it and marked as a translation. The quote itself stays as the source wrote it.'),
        ),
        migrations.AddField(
            model_name='excerpt',
            name='translated_from',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Per language, per field: a fingerprint of the English the translation was made from (manage.py translations stamp), so a change to the English shows.'),
        ),
        migrations.AddField(
            model_name='failure',
            name='description_en',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='failure',
            name='description_es',
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='failure',
            name='title_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='failure',
            name='title_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='failure',
            name='translated_from',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Per language, per field: a fingerprint of the English the translation was made from (manage.py translations stamp), so a change to the English shows.'),
        ),
        migrations.AddField(
            model_name='module',
            name='briefing_en',
            field=models.TextField(help_text='What happened, in our own words. Blank lines split paragraphs.', null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='briefing_es',
            field=models.TextField(help_text='What happened, in our own words. Blank lines split paragraphs.', null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='objectives_en',
            field=models.TextField(blank=True, help_text='One learning objective per line.', null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='objectives_es',
            field=models.TextField(blank=True, help_text='One learning objective per line.', null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='summary_en',
            field=models.CharField(blank=True, help_text='One line for the list.', max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='summary_es',
            field=models.CharField(blank=True, help_text='One line for the list.', max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='title_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='title_es',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='module',
            name='translated_from',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Per language, per field: a fingerprint of the English the translation was made from (manage.py translations stamp), so a change to the English shows.'),
        ),
        migrations.AddField(
            model_name='question',
            name='explanation_en',
            field=models.TextField(help_text='Shown after answering.', null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='explanation_es',
            field=models.TextField(help_text='Shown after answering.', null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='prompt_en',
            field=models.TextField(null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='prompt_es',
            field=models.TextField(null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='role_en',
            field=models.CharField(blank=True, help_text='For a decision: whose seat the learner is in.', max_length=80, null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='role_es',
            field=models.CharField(blank=True, help_text='For a decision: whose seat the learner is in.', max_length=80, null=True),
        ),
        migrations.AddField(
            model_name='question',
            name='translated_from',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Per language, per field: a fingerprint of the English the translation was made from (manage.py translations stamp), so a change to the English shows.'),
        ),
        migrations.AddField(
            model_name='slot',
            name='objective_en',
            field=models.CharField(help_text='What a learner must know or do.', max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='slot',
            name='objective_es',
            field=models.CharField(help_text='What a learner must know or do.', max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='slot',
            name='teaching_point_en',
            field=models.TextField(blank=True, help_text='The rule behind the objective, in plain words: what a learner who missed it is shown, with the excerpts below as its source.', null=True),
        ),
        migrations.AddField(
            model_name='slot',
            name='teaching_point_es',
            field=models.TextField(blank=True, help_text='The rule behind the objective, in plain words: what a learner who missed it is shown, with the excerpts below as its source.', null=True),
        ),
        migrations.AddField(
            model_name='slot',
            name='translated_from',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Per language, per field: a fingerprint of the English the translation was made from (manage.py translations stamp), so a change to the English shows.'),
        ),
        migrations.RunPython(english_in_place, english_back),
    ]
