from django import forms

from safetyquiz.content.models import Department

STATUS_CHOICES = [
    ("", "Everyone"),
    ("cleared", "Cleared"),
    ("not-cleared", "Not cleared"),
    ("overdue", "Overdue"),
]


class RosterFilter(forms.Form):
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All departments",
    )
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
