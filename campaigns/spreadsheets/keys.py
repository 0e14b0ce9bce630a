"""Natural keys: how wards, residential areas, goals and standards are found by
what people type (codes, names with or without accents, "Tổ 01" for "Tổ 1"), from
an in-memory index built with a few queries before an import's first row.
"""

import re
from collections import defaultdict

from django.db import models
from django.db.models import signals
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Goal, PovertyStandard, ResidentialArea, Ward
from campaigns.models.validity import in_force_on
from campaigns.spreadsheets.widgets import clean_text
from campaigns.text import fold, nfc


def header_key(text) -> str:
    """Headers compare without accents, case, punctuation or repeated spaces."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text))).strip()


def name_key(text) -> str:
    return re.sub(r"\s+", " ", nfc(str(text))).casefold()


def loose_key(text) -> str:
    """ "Tổ 01", "to 1" and "TỔ 1" are the same area name."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), header_key(text))


def ward_name_key(text) -> str:
    return re.sub(r"^(phuong|xa|thi tran) ", "", loose_key(text))


def key_part(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        return name_key(value)
    return value


class KeyIndex:
    """Wards, residential areas, goals and poverty standards by natural key, in memory."""

    def __init__(self, codes=None):
        """`codes`: the ward codes the file gives, when known; only those wards are
        loaded (a nation has 10,000), and the others once a row names a unit without
        its code."""
        wards = Ward.objects.all()
        if codes is not None:
            wards = wards.filter(code__in=sorted(codes))
        self.wards = list(wards)
        self._every_ward = codes is None
        self.by_code = defaultdict(list)
        for ward in self.wards:
            self.by_code[ward.code].append(ward)
        self._by_name = None
        # Goals of every goal set: a number means the goal of the set in force in
        # the row's year.
        self.goal_list = list(
            Goal.objects.select_related("goal_set").order_by(
                "-goal_set__valid_from_year", "number"
            )
        )
        self.goals_by_pk = {goal.pk: goal for goal in self.goal_list}
        self.standards = list(PovertyStandard.objects.order_by("-valid_from_year"))
        self.areas: dict[int, dict] = {}
        self.wards_by_id = {ward.pk: ward for ward in self.wards}

    @property
    def by_name(self) -> dict:
        """Wards by loose name, built when a row first names a unit without its code:
        folding 10,000 names costs more than a file that gives codes needs."""
        if self._by_name is None:
            if not self._every_ward:
                loaded = self.wards_by_id
                self.wards = [loaded.get(w.pk, w) for w in Ward.objects.all()]
                self.wards_by_id = {ward.pk: ward for ward in self.wards}
                self._every_ward = True
            self._by_name = defaultdict(list)
            for ward in self.wards:
                self._by_name[ward_name_key(ward.name)].append(ward)
        return self._by_name

    #: What lookups and checks read of an area (name, ward, validity); not the
    #: timestamps, which cost more to load than the rest for 10,000 areas.
    AREA_FIELDS = ("id", "ward_id", "name", "kind", "valid_from", "valid_to", "status")

    def load_areas(self, ward_ids) -> None:
        missing = {ward_id for ward_id in ward_ids if ward_id not in self.areas}
        if not missing:
            return
        for ward_id in missing:
            self.areas[ward_id] = {"exact": {}, "raw": {}, "all": [], "loose": None}
        rows = ResidentialArea.objects.filter(ward_id__in=missing).values_list(
            *self.AREA_FIELDS
        )
        alias = rows.db
        pre_init = signals.pre_init.has_listeners(ResidentialArea)
        for values in rows:
            area = _loaded(ResidentialArea, alias, self.AREA_FIELDS, values, pre_init)
            area.ward = self.wards_by_id[area.ward_id]
            index = self.areas[area.ward_id]
            index["exact"][name_key(area.name)] = area
            index["all"].append(area)
        for ward_id in missing:
            # What a name spelt as stored finds (most files, and every export, spell
            # it so), without working out its key for each row.
            index = self.areas[ward_id]
            index["raw"] = {
                a.name: index["exact"][name_key(a.name)] for a in index["all"]
            }

    def _loose(self, ward_id) -> dict:
        """Areas by loose name ("to 1" for "Tổ 01"), built when a name first misses."""
        index = self.areas[ward_id]
        if index["loose"] is None:
            loose = defaultdict(list)
            for area in index["all"]:
                loose[loose_key(area.name)].append(area)
            index["loose"] = loose
        return index["loose"]

    def ward(self, code: str, name: str, day) -> Ward | None:
        if not code and not name:
            return None
        if code:
            candidates = self.by_code.get(code, [])
            if not candidates:
                raise ValueError(
                    _("No ward or commune has the code %(code)s.") % {"code": code}
                )
            if name:
                named = [
                    w
                    for w in candidates
                    if ward_name_key(w.name) == ward_name_key(name)
                ]
                if not named:
                    raise ValueError(
                        _(
                            "The code %(code)s and the name “%(name)s” are not the same unit."
                        )
                        % {"code": code, "name": name}
                    )
                candidates = named
        else:
            candidates = self.by_name.get(ward_name_key(name), [])
            if not candidates:
                raise ValueError(
                    _("No ward or commune is named “%(name)s”.") % {"name": name}
                )
        label = code or name
        if day is not None:
            in_force = [w for w in candidates if _valid_on(w, day)]
            if len(in_force) == 1:
                return in_force[0]
            if not in_force:
                raise ValueError(
                    _("%(ward)s was not in force on %(day)s.")
                    % {"ward": candidates[0], "day": day.strftime("%d/%m/%Y")}
                )
        elif len(candidates) == 1:
            return candidates[0]
        else:
            today = timezone.localdate()
            current = [w for w in candidates if _valid_on(w, today)]
            if len(current) == 1:
                return current[0]
        raise ValueError(
            _(
                "“%(label)s” matches several units; give both the code and the date or year."
            )
            % {"label": label}
        )

    def area(self, ward: Ward, name: str) -> ResidentialArea | None:
        if not name:
            return None
        if ward.pk not in self.areas:
            self.load_areas([ward.pk])
        index = self.areas[ward.pk]
        found = index["raw"].get(name)
        if found is None:
            found = index["exact"].get(name_key(name))
        if found is None:
            loose = self._loose(ward.pk).get(loose_key(name), [])
            if len(loose) == 1:
                found = loose[0]
        if found is None:
            raise ValueError(
                _("%(ward)s has no residential area named “%(name)s”.")
                % {"ward": ward.name, "name": name}
            )
        return found

    def standard_for_year(self, year: int):
        for standard in self.standards:
            if standard.covers(year):
                return standard
        return None

    def standard_by_code(self, text: str):
        for standard in self.standards:
            if standard.code == text:
                return standard
        wanted = loose_key(text)
        for standard in self.standards:
            if loose_key(standard.code) == wanted:
                return standard
        raise ValueError(
            _("“%(value)s” is not a known poverty standard.") % {"value": text}
        )

    def goal(self, number: int, year: int | None = None) -> Goal:
        """Goal `number` of the set in force in `year` (the newest set without one)."""
        # Remembered: a commit asks for the ten goals of each of 10,000 results.
        memo = self.__dict__.setdefault("_goals", {})
        found = memo.get((number, year))
        if found is not None:
            return found
        for goal in self.goal_list:
            if goal.number == number and (year is None or goal.goal_set.covers(year)):
                memo[number, year] = goal
                return goal
        raise ValueError(_("There is no goal number %(number)s.") % {"number": number})


def _loaded(model, alias: str, attnames, values, pre_init=True):
    """What `model.from_db(alias, attnames, values)` returns (the other fields
    deferred), built in a third of the time: 10,000 areas are loaded per import.
    `pre_init`: whether pre_init has receivers (it has none in the portal)."""
    if pre_init:
        signals.pre_init.send(sender=model, args=(), kwargs={})
    instance = model.__new__(model)
    state = instance._state = models.base.ModelState()
    state.adding, state.db = False, alias
    instance.__dict__.update(zip(attnames, values, strict=True))
    signals.post_init.send(sender=model, instance=instance)
    return instance


def _valid_on(obj, day) -> bool:
    return in_force_on(obj.valid_from, obj.valid_to, day)


def _clean_code(value) -> str:
    text = clean_text(value)
    if text.isdigit() and len(text) < 5:
        text = text.zfill(5)
    return text
