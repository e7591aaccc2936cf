"""Event pages: list, detail (programme, pavilion, itinerary), registration, B2B day, agenda."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.core.converters import id_from
from yeongilman.events.models import Event
from yeongilman.meetings import manage_services
from yeongilman.meetings.models import MeetingMode, MeetingWindow


class SlotIdsField(forms.Field):
    """Slot ids from a group of checkboxes (the same name several times)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: object) -> list[int]:
        """The ids as numbers; anything else is refused."""
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        ids = [id_from(v) for v in values]
        if None in ids:
            raise forms.ValidationError(_("Choose times from the list."))
        return [i for i in ids if i is not None]


class RequestForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    mode = forms.ChoiceField(label=gettext_lazy("How"), choices=MeetingMode.choices, required=False)
    video_link = forms.CharField(label=gettext_lazy("Video link"), required=False, max_length=500)
    needs_interpreter = forms.BooleanField(
        label=gettext_lazy("Korean–English interpretation"), required=False
    )
    # Checked by the service (at most three, of this event, free): its messages are clearer.
    proposed_slots = SlotIdsField(label=gettext_lazy("Times you propose"), required=False)
    window = forms.ChoiceField(
        label=gettext_lazy("When the meeting may be held"),
        choices=MeetingWindow.choices,
        required=False,
        help_text=gettext_lazy(
            "Morning: slots that start before 12:00 in the event's time zone; afternoon: "
            "slots that start at 12:00 or later. The scheduler keeps the meeting inside it."
        ),
    )
    # Read only with the window "slots" (the view leaves ticks of another window out).
    window_slots = SlotIdsField(label=gettext_lazy("Slots the meeting may take"), required=False)


class RunForm(forms.Form):
    """How the scheduler runs: keep what is confirmed, compact agendas and their fairness."""

    keep_confirmed = forms.BooleanField(
        label=gettext_lazy("Keep meetings already confirmed"), required=False, initial=True
    )
    compact = forms.BooleanField(
        label=gettext_lazy("Compact agendas"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "After placing as many meetings as possible, leave as few idle breaks between a "
            "person's meetings as it can; no meeting is given up for it."
        ),
    )
    max_spread = forms.IntegerField(
        label=gettext_lazy("Largest allowed spread of breaks"),
        min_value=0,
        max_value=20,
        initial=2,
        required=False,
        help_text=gettext_lazy(
            "No one gets more than this many breaks above the person with the fewest, where "
            "that is possible. Empty: no limit."
        ),
    )


class LimitsForm(forms.Form):
    """The per-person limits the scheduler keeps (empty: none)."""

    max_meetings_per_day = forms.IntegerField(
        label=gettext_lazy("Most meetings per person per day"),
        min_value=1,
        max_value=64,
        required=False,
    )
    max_in_a_row = forms.IntegerField(
        label=gettext_lazy("A free slot after this many meetings in a row"),
        min_value=1,
        max_value=64,
        required=False,
    )


class SlotsForm(forms.Form):
    first_start = forms.DateTimeField(
        label=gettext_lazy("First slot starts (event's time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    minutes = forms.IntegerField(
        label=gettext_lazy("Minutes per meeting"), min_value=5, max_value=240, initial=25
    )
    gap_minutes = forms.IntegerField(
        label=gettext_lazy("Minutes between meetings"), min_value=0, max_value=120, initial=5
    )
    count = forms.IntegerField(
        label=gettext_lazy("Number of slots"), min_value=1, max_value=64, initial=16
    )
    tables = forms.IntegerField(
        label=gettext_lazy("Tables"), min_value=1, max_value=1000, initial=20
    )

    def __init__(self, *args: object, booked: int = 0, **kwargs: object) -> None:
        """`booked`: accepted meetings in a slot; saving then asks to agree to unschedule them."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if booked:
            self.fields["unschedule_booked"] = forms.BooleanField(
                label=manage_services.unschedule_warning(booked), required=False
            )


class InterpreterForm(forms.Form):
    """An interpreter of the day and the slots they are free in (none ticked: all day)."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    languages = forms.CharField(
        label=gettext_lazy("Languages"), max_length=100, initial="ko, en", required=False
    )
    slots = forms.MultipleChoiceField(
        label=gettext_lazy("Free in (none ticked: every slot)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, event: Event, zone_label: dict[int, str], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["slots"].choices = [(s.pk, zone_label[s.pk]) for s in event.slots.all()]  # type: ignore[attr-defined]
