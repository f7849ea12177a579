from django import forms

from safetyquiz.content.models import Department
from safetyquiz.crews.clearance import Standing


class RosterFilter(forms.Form):
    department = forms.ModelChoiceField(
        queryset=Department.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All departments",
    )
    status = forms.ChoiceField(choices=[("", "Everyone"), *Standing.choices], required=False)
