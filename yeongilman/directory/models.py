"""Organisations, people and the bilingual industry taxonomy."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

from yeongilman.core.db import BlankToNull
from yeongilman.core.i18n import Bilingual
from yeongilman.core.models import TimeStampedModel


class OrganisationKind(models.TextChoices):
    STARTUP = "startup", _("Startup")
    CORPORATE = "corporate", _("Corporate")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research institute")
    INVESTOR = "investor", _("Investor")
    AGENCY = "agency", _("Public agency")
    ASSOCIATION = "association", _("Association or cluster")
    ACCELERATOR = "accelerator", _("Accelerator")


class GrowthStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PRE_SEED = "pre_seed", _("Pre-seed")
    SEED = "seed", _("Seed")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C = "series_c", _("Series C or later")
    GROWTH = "growth", _("Growth")
    LISTED = "listed", _("Listed")


MAX_INDUSTRIES = 63


class Industry(models.Model):
    """One entry of the bilingual industry taxonomy (bio, secondary battery, hydrogen, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ko = models.CharField(_("Korean name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    # Display order, and the industry's bit in Organisation.industry_mask (so at most 63).
    position = models.PositiveSmallIntegerField(
        unique=True, validators=[MaxValueValidator(MAX_INDUSTRIES - 1)]
    )
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_(
            "Other names people search for, in Korean or English, one per line "
            "(e.g. 배터리, 2차전지, battery). A search for any of them finds the others."
        ),
    )

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual()

    @property
    def bit(self) -> int:
        """This industry's flag in Organisation.industry_mask."""
        return 1 << self.position


# The name a viewer sees, for sorting: their language first, the other as fallback.
DISPLAY_NAME_KO = Lower(Coalesce(BlankToNull(F("name_ko")), F("name_en")))
DISPLAY_NAME_EN = Lower(Coalesce(BlankToNull(F("name_en")), F("name_ko")))

country_code_validator = RegexValidator(
    r"^[A-Z]{2}$", _("Use the two-letter ISO country code, for example KR or US.")
)


class Organisation(TimeStampedModel):
    """A startup, company, university, lab, investor, agency, association or accelerator."""

    slug = models.SlugField(_("address"), max_length=120, unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name_ko = models.CharField(_("name (Korean)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    industries = models.ManyToManyField(
        Industry, verbose_name=_("industries"), related_name="organisations", blank=True
    )
    stage = models.CharField(_("stage"), max_length=20, choices=GrowthStage.choices, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, validators=[country_code_validator], default="KR"
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    website_domain = models.CharField(max_length=200, blank=True, editable=False)
    business_number = models.CharField(
        _("business registration number"),
        max_length=20,
        blank=True,
        help_text=_("Korean business registration number, 10 digits (e.g. 123-45-67890)."),
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # Pictures are written only through the services (checked, cleaned, with thumbnails).
    logo = models.FileField(_("logo"), max_length=200, blank=True, editable=False)
    cover = models.FileField(_("cover image"), max_length=200, blank=True, editable=False)
    cover_alt_ko = models.CharField(
        _("cover image description (Korean)"), max_length=200, blank=True
    )
    cover_alt_en = models.CharField(
        _("cover image description (English)"), max_length=200, blank=True
    )
    is_published = models.BooleanField(_("published"), default=False)
    # Invented (demo world, generated test data): shown with a "Demo" badge everywhere.
    is_synthetic = models.BooleanField(_("synthetic"), default=False, editable=False)
    source = models.TextField(_("source of facts"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Pre-analysed tokens (Korean morphemes, English stems) indexed by FTS5 or a tsvector.
    search_names = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)
    # The industries again as bit flags, so facet counts need one pass and no join.
    industry_mask = models.BigIntegerField(default=0, editable=False)
    # Goes up with every saved edit: an edit made from an older version is refused, so two
    # people editing at once never overwrite each other without knowing.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en", "name_ko"]
        indexes = [
            models.Index(fields=["is_published", "kind"], name="org_published_kind"),
            models.Index(fields=["is_published", "stage"], name="org_published_stage"),
            # Covers the facet query: counts come from the index alone, already grouped.
            models.Index(
                fields=["is_published", "country", "kind", "stage", "city", "industry_mask"],
                name="org_facets",
            ),
            # Joins from insights' figures read visibility, city and industries from here.
            models.Index(
                fields=["id", "is_published", "city", "industry_mask"], name="org_dashboard"
            ),
            # Alphabetical browsing in each language without sorting the whole table.
            models.Index(DISPLAY_NAME_KO, "id", name="org_display_name_ko"),
            models.Index(DISPLAY_NAME_EN, "id", name="org_display_name_en"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ko="", name_en=""), name="organisation_has_a_name"
            ),
            models.UniqueConstraint(
                fields=["website_domain"],
                condition=~Q(website_domain=""),
                name="unique_website_domain",
            ),
            models.UniqueConstraint(
                fields=["business_number"],
                condition=~Q(business_number=""),
                name="unique_business_number",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual()

    description = Bilingual()

    cover_alt = Bilingual()


class Person(TimeStampedModel):
    """Someone at one or more organisations; contact details are shown only with consent."""

    name_ko = models.CharField(_("name (Korean)"), max_length=100, blank=True)
    name_latin = models.CharField(_("name (romanised)"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=150, blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), related_name="people", blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_consent = models.BooleanField(
        _("may show contact details"),
        default=False,
        help_text=_("The person agreed that signed-in users may see their e-mail and phone."),
    )
    # A photo is kept only while the person's consent to show it stands (when it was given
    # is recorded); withdrawing it deletes the photo.
    photo = models.FileField(_("photo"), max_length=200, blank=True, editable=False)
    photo_consent = models.BooleanField(
        _("may show a photo"),
        default=False,
        help_text=_("The person agreed that their photo is shown in the directory."),
    )
    photo_consent_at = models.DateTimeField(
        _("photo consent given at"), null=True, blank=True, editable=False
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # An invented person (the demo world's): shown with a "Demo" badge wherever they appear.
    is_synthetic = models.BooleanField(_("invented (demo)"), default=False, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_latin", "name_ko"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ko="", name_latin=""), name="person_has_a_name"
            )
        ]

    def __str__(self) -> str:
        return str(self.name)

    name = Bilingual("name_ko", "name_latin")
