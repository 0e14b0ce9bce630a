"""Accounts of each role and a small two-ward world for the permission tests."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns import models
from campaigns.access.scope import (
    CITY_STAFF,
    LEADERS,
    PROVINCE_READERS,
    WARD_APPROVERS,
    WARD_STAFF,
)
from campaigns.models.choices import WorkflowStatusChoices

from . import factories as f

DRAFT = WorkflowStatusChoices.DRAFT
APPROVED = WorkflowStatusChoices.APPROVED
PASSWORD = "x-Password-2024"


def make_user(username, role=None, wards=(), **extra):
    """A staff account in `role` (a group created by the migration) with `wards`."""
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True, **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    if wards:
        scope = models.StaffScope.objects.create(user=user)
        scope.wards.set(wards)
    return user


def ward_records(ward, status=DRAFT):
    """One record of every ward data model in `ward`, by model."""
    area = f.ResidentialAreaFactory(ward=ward, status=status)
    result = f.AnnualResultFactory(residential_area=area, status=status)
    household = f.HouseholdFactory(ward=ward, residential_area=area, status=status)
    story = f.StoryFactory(ward=ward, residential_area=area, year=2020, status=status)
    return {
        models.ResidentialArea: area,
        models.AnnualResult: result,
        models.GoalResult: f.GoalResultFactory(annual_result=result),
        models.Household: household,
        models.Support: f.SupportFactory(
            ward=ward, residential_area=area, household=household, status=status
        ),
        models.Donation: f.DonationFactory(ward=ward, status=status),
        models.CommunityWork: f.CommunityWorkFactory(
            ward=ward, residential_area=area, status=status
        ),
        models.Commendation: f.CommendationFactory(
            ward=ward, residential_area=area, status=status
        ),
        models.Story: story,
        models.Photo: f.PhotoFactory(story=story),
        # A transfer: a ward may have several (one opening balance per date).
        models.FundBalanceEntry: f.FundBalanceEntryFactory(
            ward=ward,
            kind="transfer_in",
            date=datetime.date(2020, 6, 1),
            status=status,
        ),
    }


class World:
    """Two wards A and B with records, and one account of every role."""

    def __init__(self):
        self.ward_a = f.WardFactory(name="Phường A")
        self.ward_b = f.WardFactory(name="Phường B")
        self.a = ward_records(self.ward_a)
        self.a_approved = ward_records(self.ward_a, status=APPROVED)
        self.b = ward_records(self.ward_b)
        self.succession = models.WardSuccession.objects.create(
            predecessor=self.ward_a, successor=self.ward_b, effective_date="2025-07-01"
        )
        self.users = {
            "anonymous": None,
            "ward_a": make_user("ward-a", WARD_STAFF, [self.ward_a]),
            "ward_b": make_user("ward-b", WARD_STAFF, [self.ward_b]),
            "leader": make_user("leader", LEADERS),
            "city": make_user("city", CITY_STAFF),
            "approver_a": make_user("approver-a", WARD_APPROVERS, [self.ward_a]),
            "approver_b": make_user("approver-b", WARD_APPROVERS, [self.ward_b]),
            "province": make_user("province", PROVINCE_READERS),
        }
        self.superuser = get_user_model().objects.create_superuser("root", "", PASSWORD)
        self.scope_a = self.users["ward_a"].staff_scope
