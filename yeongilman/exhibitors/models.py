"""The stand portal: an exhibitor's products, brochures and the leads its team captures. The
exhibitor row itself belongs to the event (events.Exhibitor); these tables kept the names they
had in the events app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yeongilman.core.i18n import Bilingual
from yeongilman.core.models import TimeStampedModel


class ExhibitorProduct(models.Model):
    """A product an exhibitor shows at their stand, in Korean and/or English."""

    exhibitor = models.ForeignKey(
        "events.Exhibitor", on_delete=models.CASCADE, related_name="items"
    )
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Written only through the services (checked, cleaned, with thumbnails).
    image = models.FileField(_("image"), max_length=200, blank=True, editable=False)

    class Meta:
        db_table = "events_exhibitorproduct"
        ordering = ["id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual()
    description = Bilingual()


class ExhibitorDocument(TimeStampedModel):
    """A brochure (PDF) an exhibitor hands out at their stand."""

    exhibitor = models.ForeignKey(
        "events.Exhibitor", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), max_length=200, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)

    class Meta:
        db_table = "events_exhibitordocument"
        ordering = ["created_at", "id"]
        verbose_name = _("exhibitor document")
        verbose_name_plural = _("exhibitor documents")

    def __str__(self) -> str:
        return self.title


class Lead(TimeStampedModel):
    """A visitor a stand's team met: one per exhibitor and visitor (a second scan updates it).
    The visitor's contact details are read at use from their consents, never copied here."""

    exhibitor = models.ForeignKey(
        "events.Exhibitor", on_delete=models.CASCADE, related_name="leads"
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="leads"
    )
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)

    class Meta:
        db_table = "events_lead"
        ordering = ["-updated_at", "-id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibitor", "registration"], name="one_lead_per_visitor"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="lead_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.exhibitor}"
