"""City demo: good examples (stories) with generated photos, two per unit in each of
the last two years; some name a private person, with the consent recorded.

Photos are drawn with Pillow (a gradient, shapes and a caption), never downloaded,
and saved one by one so that they are stripped and their renditions made as any
upload's are. The stage runs last: the random stream of the earlier stages, and so
their figures, do not change.
"""

import datetime
import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from campaigns.demo.city import DemoGenerator
from campaigns.models import Photo, Story
from campaigns.models.choices import StoryKindChoices, WorkflowStatusChoices
from campaigns.text import fold, vn_slugify

RECENT_YEARS = 2
STORIES_PER_WARD = 2
PHOTO_SIZE = (800, 450)

DEEDS = [
    (
        "{person} nhường đất mở đường bê tông {area}",
        "Gia đình {person} tự nguyện hiến {land} m² đất để mở rộng đường vào {area}.",
        "Khi {area} bàn việc mở rộng đường bê tông, gia đình {person} là hộ đầu "
        "tiên ký biên bản hiến đất, không nhận bồi thường.\n\n"
        "Nhờ đó con đường rộng thêm gần hai mét, xe cứu thương và xe chở nông sản "
        "vào tận khu dân cư. Việc làm của gia đình được Ban công tác Mặt trận biểu "
        "dương tại Ngày hội Đại đoàn kết.",
    ),
    (
        "{person} giúp hộ nghèo {area} làm nhà",
        "{person} góp công và vận động bà con giúp một hộ nghèo có nhà mới.",
        "Nghe tin một hộ nghèo ở {area} có nhà dột nát, {person} đã vận động hàng "
        "xóm góp ngày công, vật liệu để dựng lại nhà trước mùa mưa.\n\n"
        "Sau hơn một tháng, ngôi nhà đại đoàn kết được bàn giao. Bà con trong khu "
        "dân cư đều ghi nhận tấm lòng tương thân tương ái của {person}.",
    ),
]
MODELS = [
    (
        "Mô hình “Tuyến đường hoa” ở {area}",
        "Các hộ gia đình {area} cùng trồng và chăm sóc tuyến đường hoa dài {length} m.",
        "Từ một đoạn đường đất, bà con {area} đã cùng nhau trồng hoa, lắp đèn và "
        "phân công các hộ chăm sóc theo từng đoạn.\n\n"
        "Mô hình giúp khu dân cư sáng, xanh, sạch, đẹp và được nhiều nơi đến học tập.",
    ),
    (
        "Mô hình “Tổ tự quản môi trường” ở {area}",
        "Tổ tự quản thu gom, phân loại rác tại nguồn cho các hộ ở {area}.",
        "Tổ tự quản gồm các hội viên tình nguyện, mỗi tuần thu gom và phân loại rác "
        "của các hộ gia đình.\n\n"
        "Nhờ mô hình, tỷ lệ rác được phân loại tại nguồn tăng rõ rệt và đường làng "
        "ngõ xóm luôn sạch sẽ.",
    ),
]
COLLECTIVES = [
    (
        "Ban công tác Mặt trận {area}: điểm sáng đoàn kết",
        "Ban công tác Mặt trận {area} nhiều năm liền được đánh giá xuất sắc.",
        "Ban công tác Mặt trận {area} làm tốt công tác vận động nhân dân tham gia "
        "Cuộc vận động, tổ chức Ngày hội Đại đoàn kết đều đặn hằng năm.\n\n"
        "Khu dân cư giữ vững danh hiệu văn hóa, không có hộ tái nghèo, các mâu "
        "thuẫn nhỏ được hòa giải ngay tại cơ sở.",
    ),
]
KINDS = {
    StoryKindChoices.GOOD_DEED: DEEDS,
    StoryKindChoices.MODEL: MODELS,
    StoryKindChoices.COLLECTIVE: COLLECTIVES,
}
COLOURS = [
    ((139, 26, 26), (230, 160, 60)),
    ((11, 79, 138), (120, 190, 220)),
    ((40, 110, 60), (200, 220, 120)),
    ((90, 50, 120), (230, 170, 190)),
]


def demo_photo(gen: DemoGenerator, caption: str) -> ContentFile:
    """A generated picture: a vertical gradient, a few shapes and the caption."""
    width, height = PHOTO_SIZE
    top, bottom = gen.rng.choice(COLOURS)
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(4):
        x, y = gen.rng.randint(0, width - 120), gen.rng.randint(0, height - 160)
        size = gen.rng.randint(60, 150)
        draw.ellipse([x, y, x + size, y + size], outline=(255, 255, 255), width=4)
    draw.polygon(
        [(0, height), (width // 3, height * 2 // 3), (width // 2, height)],
        fill=(255, 255, 255),
    )
    # The bundled font has no Vietnamese tone marks: the caption is written without.
    font = ImageFont.load_default(size=30)
    draw.rectangle([0, 20, width, 70], fill=(0, 0, 0))
    draw.text((20, 28), fold(caption).upper()[:44], fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="demo.jpg")


def stories_make(gen: DemoGenerator) -> None:
    stories, slugs = [], set()
    for year in gen.years[-RECENT_YEARS:]:
        for ward in gen.wards_on(datetime.date(year, 12, 31)):
            for number in range(STORIES_PER_WARD):
                kind = gen.rng.choice(list(KINDS))
                title, summary, body = gen.rng.choice(KINDS[kind])
                state = gen.area_in(ward)
                person = gen.person_name()
                values = {
                    "person": person,
                    "area": state.area.name,
                    "land": gen.rng.randint(3, 20) * 10,
                    "length": gen.rng.randint(2, 12) * 100,
                }
                names_person = kind == StoryKindChoices.GOOD_DEED
                status = gen.status(year, recent_share=0.3)
                # The one story that names a person without consent stays a draft.
                consent = names_person and not (
                    status == WorkflowStatusChoices.DRAFT and number == 0
                )
                title = title.format(**values)
                slug = f"{vn_slugify(title)[:180]}-{year}"
                while slug in slugs:
                    slug += "-2"
                slugs.add(slug)
                stories.append(
                    Story(
                        kind=kind,
                        title=title,
                        slug=slug,
                        summary=summary.format(**values),
                        body=body.format(**values),
                        ward=ward,
                        residential_area=state.area,
                        year=year,
                        names_private_person=names_person,
                        consent_given_by=person if consent else "",
                        consent_recorded_at=gen.day_in(year, (1, 1), (10, 31))
                        if consent
                        else None,
                        consent_note=f"Giấy đồng ý số {gen.rng.randint(1, 99)}/{year}, "
                        "lưu tại Ban Thường trực"
                        if consent
                        else "",
                        **gen.workflow_fields(status, year),
                    )
                )
    Story.objects.bulk_create(stories)
    for story in stories:
        Photo(
            story=story,
            image=demo_photo(gen, story.title),
            alt_text=f"Ảnh minh họa: {story.title}",
            caption=f"{story.residential_area.name}, {story.year} (ảnh minh họa)",
        ).save()
    gen.summary.stories = len(stories)
