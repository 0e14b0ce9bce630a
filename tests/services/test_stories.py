"""Stories and photos: the consent rule, the gate, the workflow, the cache, the files."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import translation

from campaigns import models
from campaigns.cache import current_generation
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.services import records, workflow

from .. import factories as f
from ..accounts import World


@pytest.fixture
def world(reference):
    return World()


def naming_story(world, **extra):
    return f.StoryFactory(
        ward=world.ward_a,
        status=Status.SUBMITTED,
        names_private_person=True,
        submitted_by=world.users["ward_a"],
        **extra,
    )


def test_a_story_naming_a_person_is_not_approved_without_consent(world):
    story = naming_story(world)
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        workflow.record_approve(record=story, by=world.users["city"])
    assert "đồng ý" in " ".join(refused.value.messages)
    story.refresh_from_db()
    assert story.status == Status.SUBMITTED and story.approved_at is None


def test_with_consent_recorded_it_is_approved(world):
    story = naming_story(
        world,
        consent_given_by="Nguyễn Văn An",
        consent_recorded_at=datetime.date(2025, 3, 1),
        consent_note="Giấy đồng ý số 3/2025",
    )
    workflow.record_approve(record=story, by=world.users["city"])
    story.refresh_from_db()
    assert story.status == Status.APPROVED


def test_the_database_refuses_an_approved_story_without_consent(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.StoryFactory(
            ward=world.ward_a, names_private_person=True, status=Status.APPROVED
        )


def test_model_check_names_the_missing_consent(world):
    story = f.StoryFactory.build(
        ward=world.ward_a, names_private_person=True, status=Status.APPROVED
    )
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        story.full_clean()
    assert "đồng ý" in str(refused.value)


def test_a_story_without_a_private_person_needs_no_consent(world):
    story = f.StoryFactory(
        ward=world.ward_a,
        status=Status.SUBMITTED,
        submitted_by=world.users["ward_a"],
    )
    workflow.record_approve(record=story, by=world.users["city"])
    assert story.status == Status.APPROVED


def test_ward_staff_reach_their_wards_stories_and_photos_only(world):
    mine = f.PhotoFactory(story__ward=world.ward_a, story__status=Status.DRAFT)
    theirs = f.PhotoFactory(story__ward=world.ward_b, story__status=Status.DRAFT)
    ward_a = world.users["ward_a"]
    stories = models.Story.objects.filter(pk__in=[mine.story.pk, theirs.story.pk])
    photos = models.Photo.objects.filter(pk__in=[mine.pk, theirs.pk])
    assert list(stories.restrict(ward_a, "change")) == [mine.story]
    assert list(photos.restrict(ward_a, "change")) == [mine]
    assert models.Photo.objects.restrict(None).count() == 0
    assert photos.restrict(world.users["city"]).count() == 2
    with pytest.raises(PermissionDenied):
        records.record_save(record=theirs, by=ward_a)
    with pytest.raises(PermissionDenied):
        records.record_save(record=theirs.story, by=ward_a)
    # Ward staff submit; they cannot approve.
    workflow.record_submit(record=mine.story, by=ward_a)
    with pytest.raises(PermissionDenied):
        workflow.record_approve(record=mine.story, by=ward_a)


def test_photos_of_an_approved_story_are_locked_for_ward_staff(world):
    photo = f.PhotoFactory(story__ward=world.ward_a, story__status=Status.APPROVED)
    photo.caption = "Đổi"
    with pytest.raises(PermissionDenied):
        records.record_save(record=photo, by=world.users["ward_a"])
    records.record_save(record=photo, by=world.users["city"])


def test_the_photo_follows_its_story_to_another_ward(world):
    photo = f.PhotoFactory(story__ward=world.ward_a)
    assert photo.ward_id == world.ward_a.pk
    story = photo.story
    story.ward = world.ward_b
    story.save()
    photo.refresh_from_db()
    assert photo.ward_id == world.ward_b.pk


def test_a_photo_belongs_to_a_story_or_a_festival(world):
    area = f.ResidentialAreaFactory(ward=world.ward_a)
    result = f.AnnualResultFactory(residential_area=area)
    festival = f.PhotoFactory(story=None, annual_result=result)
    assert festival.ward_id == world.ward_a.pk
    both = f.PhotoFactory.build(story=f.StoryFactory(), annual_result=result)
    with pytest.raises(ValidationError):
        both.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PhotoFactory(story=None, annual_result=None, ward=world.ward_a)


def test_alt_text_is_required(world):
    photo = f.PhotoFactory.build(story=f.StoryFactory(), alt_text="   ")
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert "alt_text" in refused.value.message_dict


def test_approving_a_story_retires_cached_pages_and_drafts_do_not(
    world, django_capture_on_commit_callbacks
):
    generation = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        f.PhotoFactory(story__ward=world.ward_a, story__status=Status.DRAFT)
    assert current_generation() == generation
    story = f.StoryFactory(
        ward=world.ward_a, status=Status.SUBMITTED, submitted_by=world.users["ward_a"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_approve(record=story, by=world.users["city"])
    assert current_generation() > generation
    generation = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        f.PhotoFactory(story=story)
    assert current_generation() > generation  # a photo of a published story


def test_history_records_who_changed_a_story(world):
    story = f.StoryFactory(ward=world.ward_a, status=Status.DRAFT)
    story.title = "Tiêu đề mới"
    records.record_save(record=story, by=world.users["ward_a"])
    latest = story.history.first()
    assert latest.history_user == world.users["ward_a"]
    assert latest.title == "Tiêu đề mới"


def test_a_deleted_photo_leaves_no_file(world, django_capture_on_commit_callbacks):
    photo = f.PhotoFactory(story__ward=world.ward_a, story__status=Status.DRAFT)
    names = photo.stored_names()
    assert len(names) == 4 and all(default_storage.exists(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        records.record_delete(record=photo, by=world.users["ward_a"])
    assert not any(default_storage.exists(n) for n in names)


def test_slugs_are_unaccented_and_unique(world):
    first = f.StoryFactory(title="Gương sáng Đức Xuân", ward=world.ward_a)
    second = f.StoryFactory(title="Gương sáng Đức Xuân", ward=world.ward_a)
    assert first.slug == "guong-sang-duc-xuan"
    assert second.slug == "guong-sang-duc-xuan-2"


def test_ward_year_submit_includes_stories(world):
    story = f.StoryFactory(ward=world.ward_a, year=2025, status=Status.DRAFT)
    counts = workflow.ward_year_submit(
        ward=world.ward_a, year=2025, by=world.users["ward_a"]
    )
    assert counts[models.Story] == 1
    story.refresh_from_db()
    assert story.status == Status.SUBMITTED


def test_roles_hold_the_story_and_photo_permissions(world):
    city, ward_a = world.users["city"], world.users["ward_a"]
    assert city.has_perm("campaigns.approve_story")
    assert ward_a.has_perm("campaigns.add_story")
    assert ward_a.has_perm("campaigns.add_photo")
    assert not ward_a.has_perm("campaigns.approve_story")
    assert not world.users["leader"].has_perm("campaigns.change_photo")


def test_festival_photos_by_result_are_those_of_published_results(world):
    from campaigns import selectors

    area = f.ResidentialAreaFactory(ward=world.ward_a, status=Status.APPROVED)
    published = f.AnnualResultFactory(
        residential_area=area, year=2024, status=Status.APPROVED
    )
    draft = f.AnnualResultFactory(residential_area=area, year=2025, status=Status.DRAFT)
    shown = f.PhotoFactory(story=None, annual_result=published, alt_text="Văn nghệ")
    f.PhotoFactory(story=None, annual_result=draft, alt_text="Chưa duyệt")
    found = selectors.festival_photos_by_result([published.pk, draft.pk])
    assert list(found) == [published.pk]
    (photo,) = found[published.pk]
    assert photo.alt_text == "Văn nghệ"
    assert photo.share_url == shown.share.url
    assert selectors.photos_for([published, draft]) == found
    assert selectors.photos_for([{"pk": published.pk}]) == found
