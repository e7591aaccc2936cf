from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.models import ApiToken, Invitation, Membership, User
from yeongilman.accounts.services import ROLE_FIELDS, user_roles_changed


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_operator", "is_reviewer", "is_active"]
    list_filter = ["is_operator", "is_reviewer", "is_active", "language"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "language")}),
        (
            _("Roles"),
            {"fields": ("is_operator", "is_reviewer", "is_active", "is_staff", "is_superuser")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """Save, and audit a change of roles."""
        before = {}
        if change and obj.pk:
            stored = User.objects.get(pk=obj.pk)
            before = {f: bool(getattr(stored, f)) for f in ROLE_FIELDS}
        super().save_model(request, obj, form, change)
        user_roles_changed(actor=request.user, user=obj, before=before)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "expires_at", "accepted_at"]
    search_fields = ["email"]
    readonly_fields = ["token"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["digest", "prefix"]
