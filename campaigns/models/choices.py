"""Enumerations of the campaign domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkflowStatusChoices(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class WardKindChoices(models.TextChoices):
    WARD = "phuong", _("Ward (phường)")
    COMMUNE = "xa", _("Commune (xã)")
    TOWNSHIP = "thi_tran", _("Township (thị trấn)")


class ResidentialAreaKindChoices(models.TextChoices):
    STREET_GROUP = "to_dan_pho", _("Street group (tổ dân phố)")
    VILLAGE = "thon", _("Village (thôn)")
    HAMLET = "ban", _("Hamlet (bản)")


class TitleHolderChoices(models.TextChoices):
    """Who a title is awarded to: a family, an area by its kind, a unit by its kind.

    The values of areas and units are their `kind` values, so a title is found from
    the kind directly.
    """

    FAMILY = "gia_dinh", _("Family")
    STREET_GROUP = "to_dan_pho", _("Street group (tổ dân phố)")
    VILLAGE = "thon", _("Village (thôn)")
    HAMLET = "ban", _("Hamlet (bản)")
    WARD = "phuong", _("Ward (phường)")
    COMMUNE = "xa", _("Commune (xã)")
    TOWNSHIP = "thi_tran", _("Township (thị trấn)")


class FundLevelChoices(models.TextChoices):
    CITY = "city", _("City fund")
    WARD = "ward", _("Ward fund")


class DonorKindChoices(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    HOUSEHOLD = "household", _("Household")
    BUSINESS = "business", _("Business")
    AGENCY = "agency", _("Agency or unit")
    ORGANISATION = "organisation", _("Organisation")
    OTHER = "other", _("Other")


class HouseholdStatusChoices(models.TextChoices):
    POOR = "poor", _("Poor household")
    NEAR_POOR = "near_poor", _("Near-poor household")
    POLICY = "policy", _("Policy household")
    HARDSHIP = "hardship", _("Household in hardship")


class SupportCategoryChoices(models.TextChoices):
    HOUSE_NEW = "house_new", _("New great-solidarity house")
    HOUSE_REPAIR = "house_repair", _("House repair")
    LIVELIHOOD = "livelihood", _("Livelihood")
    MEDICAL = "medical", _("Medical care")
    EDUCATION = "education", _("Schooling")
    TET_GIFT = "tet_gift", _("Tết gifts")
    EMERGENCY = "emergency", _("Emergency relief")
    OTHER = "other", _("Other")


class CommunityWorkKindChoices(models.TextChoices):
    ROAD = "road", _("Concrete road")
    CULTURAL_HOUSE = "cultural_house", _("Cultural house")
    CANAL = "canal", _("Irrigation canal")
    BRIDGE = "bridge", _("Bridge or culvert")
    LIGHTING = "lighting", _("Street lighting")
    OTHER = "other", _("Other")


class CommendationLevelChoices(models.TextChoices):
    WARD = "ward", _("Ward level")
    CITY = "city", _("City level")
    PROVINCE = "province", _("Province level")
    CENTRAL = "central", _("Central level")


class RecipientKindChoices(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class ApprovingLevelChoices(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City (district level)")
    COMMUNE = "commune", _("Ward or commune")


class StoryKindChoices(models.TextChoices):
    """The good examples the campaign praises (issue 14)."""

    GOOD_DEED = "nguoi_tot", _("Good person, good deed")
    MODEL = "mo_hinh", _("Good model")
    COLLECTIVE = "tap_the", _("Exemplary collective")


class FundEntryKindChoices(models.TextChoices):
    """Balance figures of a ward fund that no donation or support records."""

    OPENING = "opening", _("Opening balance (recorded)")
    TRANSFER_IN = "transfer_in", _("Received from another fund level")
    TRANSFER_OUT = "transfer_out", _("Transferred to another fund level")
