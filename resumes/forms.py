"""Forms that validate openings (for the JSON API and the pages) and filter a batch's results."""

from django import forms

from resumescreener.text_checks import text_problem

from .finding import SORTS, Criteria
from .models import Opening


def check_text(text):
    """ValidationError unless `text` can be stored and shown again (see text_checks)."""
    problem = text_problem(text)
    if problem:
        raise forms.ValidationError(f"The text {problem}.")


class TextOnlyField(forms.CharField):
    """A CharField that takes text only: a list or a number sent as JSON is refused, not str()-ed."""

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise forms.ValidationError("Give text (a string).")
        value = super().to_python(value)
        check_text(value)
        return value


class YearsField(forms.FloatField):
    """A number of years: JSON numbers or typed text, never a bool, never one too large for a float."""

    def to_python(self, value):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return super().to_python(value)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class SkillListField(forms.Field):
    """A list of skills, given as a JSON list or a comma-separated string."""

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise forms.ValidationError("Give skills as a list of strings.")
        skills = [item.strip() for item in value if item.strip()]
        for skill in skills:
            check_text(skill)
        # Counted as sent, blanks included: a list of 10,000 empty strings is not "no skills".
        if any(len(skill) > 100 for skill in skills) or len(value) > 100:
            raise forms.ValidationError("At most 100 skills of at most 100 characters each.")
        return skills

    def prepare_value(self, value):
        # A stored list is shown in a text input as the same comma-separated text it was typed as.
        return ", ".join(value) if isinstance(value, list) else value


class OpeningForm(forms.ModelForm):
    """An opening from the pages' form (text everywhere), the admin, or a JSON body (`from_json=True`:
    each field must also have its documented JSON type, so `"min_years": "3"` is refused)."""

    JSON_TYPES = {
        "title": ((str,), "text"),
        "description": ((str,), "text"),
        "required_skills": ((list, str), "a list of strings or a comma-separated string"),
        "preferred_skills": ((list, str), "a list of strings or a comma-separated string"),
        "min_years": ((int, float, type(None)), "a number"),
    }

    required_skills = SkillListField(required=False, help_text="Comma-separated, e.g. Python, PostgreSQL")
    preferred_skills = SkillListField(required=False, help_text="Comma-separated, e.g. Docker, AWS")
    min_years = YearsField(min_value=0, max_value=60, required=False, label="Minimum years")

    class Meta:
        model = Opening
        fields = ["title", "description", "required_skills", "preferred_skills", "min_years"]
        field_classes = {"title": TextOnlyField, "description": TextOnlyField}

    def __init__(self, *args, from_json=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.from_json = from_json

    def clean(self):
        cleaned = super().clean()
        if self.from_json:
            for name, (types, words) in self.JSON_TYPES.items():
                value = self.data.get(name)
                if name in self.data and (isinstance(value, bool) or not isinstance(value, types)):
                    if name in self.cleaned_data:
                        self.add_error(name, f"Give {words}.")
        return cleaned

    def clean_min_years(self):
        return self.cleaned_data.get("min_years") or 0


class FindForm(forms.Form):
    """The batch page's search: text in a name or email, a flag, a matched or a missing skill, a sort.

    The choices are what the batch's files carry. A value that is not a choice (an old link, a typo in
    the URL) is ignored on its own: the other criteria still apply.
    """

    q = forms.CharField(required=False, max_length=200, label="Name or email")
    flag = forms.ChoiceField(required=False, label="Flag")
    skill = forms.ChoiceField(required=False, label="Has skill")
    missing = forms.ChoiceField(required=False, label="Missing skill")
    sort = forms.ChoiceField(required=False, label="Sort by", choices=list(SORTS.items()))

    def __init__(self, data, resumes):
        super().__init__(data)
        resumes = list(resumes)
        flags = {f for r in resumes for f in r.flags}
        matched = {s for r in resumes for s in r.matched_skills}
        missing = {s for r in resumes for s in r.missing_skills}
        self.fields["flag"].choices = [("", "Any")] + [(f, f.replace("_", " ")) for f in sorted(flags)]
        self.fields["skill"].choices = [("", "Any")] + [(s, s) for s in sorted(matched, key=str.casefold)]
        self.fields["missing"].choices = [("", "Any")] + [(s, s) for s in sorted(missing, key=str.casefold)]

    def criteria(self):
        """The Criteria to find people by, from the fields that hold a valid value."""
        values = {}
        for name, field in self.fields.items():
            try:
                values[name] = field.clean(field.widget.value_from_datadict(self.data, self.files, name))
            except forms.ValidationError:
                values[name] = ""
        return Criteria(
            sort=values["sort"] or "score",
            flag=values["flag"],
            skill=values["skill"],
            missing=values["missing"],
            text=values["q"].strip(),
        )
