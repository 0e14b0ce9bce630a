"""City demo: what each area's Great Solidarity Festival did, and its weddings,
funerals and festivals held the civilised way (issue 14).

Drawn from `DemoGenerator.celebration_rng`, a stream of its own, so these columns
never move the other demo figures of a seed. The texts name no private person.
"""

import random

OPENINGS = (
    "Ngày hội diễn ra trong không khí vui tươi, đoàn kết tại nhà văn hóa {area}.",
    "Nhân dân {area} đông đủ dự Ngày hội, ôn lại truyền thống Mặt trận Tổ quốc Việt Nam.",
    "Ngày hội tại {area} có lãnh đạo phường, xã về dự và chung vui cùng bà con.",
    "Ban công tác Mặt trận {area} tổ chức Ngày hội gắn với tổng kết Cuộc vận động.",
)
ACTIVITIES = (
    "Tuyên dương các gia đình văn hóa tiêu biểu ba năm liền.",
    "Trao quà cho hộ nghèo, hộ cận nghèo và gia đình chính sách.",
    "Tổ chức văn nghệ, kéo co, đẩy gậy và các trò chơi dân gian.",
    "Tổ chức bữa cơm đoàn kết của các dân tộc Tày, Nùng, Dao, Kinh.",
    "Vận động ủng hộ Quỹ “Vì người nghèo” và đóng góp làm đường bê tông.",
    "Ký cam kết thực hiện nếp sống văn minh trong việc cưới, việc tang.",
    "Phát động giữ gìn cảnh quan sáng, xanh, sạch, đẹp và phân loại rác tại nguồn.",
    "Khen thưởng các tập thể có thành tích trong phong trào thi đua.",
)


def festival_highlights(rng: random.Random, area_name: str) -> str:
    """Two or three sentences on one area's festival."""
    opening = rng.choice(OPENINGS).format(area=area_name)
    return " ".join([opening, *rng.sample(ACTIVITIES, rng.randint(1, 2))])


def civilised_figures(rng: random.Random, households: int) -> dict:
    """Weddings, funerals and festivals held the civilised way (each ≤ households);
    a few areas reported none of them (null)."""
    if rng.random() < 0.05:
        return {}
    return {
        "civilised_weddings": min(households, rng.randint(0, households // 25 + 1)),
        "civilised_funerals": min(households, rng.randint(0, households // 40 + 1)),
        "civilised_festivals": min(households, rng.randint(0, 3)),
    }
