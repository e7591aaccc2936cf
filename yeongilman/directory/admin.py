from django.contrib import admin

from yeongilman.directory.models import Industry, Organisation, Person
from yeongilman.directory.services import organisation_reindex


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en", "position"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "kind", "city", "country", "is_published", "is_synthetic"]
    list_filter = ["kind", "country", "is_published", "is_synthetic", "industries"]
    search_fields = ["name_ko", "name_en", "website_domain", "business_number"]
    readonly_fields = ["website_domain", "search_names", "search_body"]
    filter_horizontal = ["industries"]
    show_full_result_count = False

    def save_related(self, request, form, formsets, change):
        # Industries are saved here, after the row: only now can the search entry be right.
        super().save_related(request, form, formsets, change)
        organisation_reindex(organisation=form.instance)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_latin", "title", "email", "contact_consent"]
    search_fields = ["name_ko", "name_latin", "email"]
    filter_horizontal = ["organisations"]
