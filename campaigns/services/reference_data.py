"""Bắc Kạn reference data, as ../shared/DESIGN.md §2 lists it, with each fact's source.

Facts marked unconfirmed still need confirming by the Front (docs/decisions.md, issue 12).
"""

import datetime

REORGANISATION_DATE = datetime.date(2025, 7, 1)
LAST_DAY_BEFORE_REORGANISATION = datetime.date(2025, 6, 30)
REORGANISATION_BASIS = "Nghị quyết 202/2025/QH15; Nghị quyết 1683/NQ-UBTVQH15"

OLD_PROVINCE = {"province_code": "06", "province_name": "Tỉnh Bắc Kạn"}
OLD_CITY = {"district_code": "058", "district_name": "Thành phố Bắc Kạn"}
NEW_PROVINCE = {"province_code": "19", "province_name": "Tỉnh Thái Nguyên"}

# (code, name, kind, slug): the 8 units of Bắc Kạn city until 30/6/2025.
OLD_WARDS = [
    ("01834", "Phường Nguyễn Thị Minh Khai", "phuong", "phuong-nguyen-thi-minh-khai"),
    ("01837", "Phường Sông Cầu", "phuong", "phuong-song-cau"),
    ("01840", "Phường Đức Xuân", "phuong", "phuong-duc-xuan-truoc-2025"),
    ("01843", "Phường Phùng Chí Kiên", "phuong", "phuong-phung-chi-kien"),
    ("01846", "Phường Huyền Tụng", "phuong", "phuong-huyen-tung"),
    ("01849", "Xã Dương Quang", "xa", "xa-duong-quang"),
    ("01852", "Xã Nông Thượng", "xa", "xa-nong-thuong"),
    ("01855", "Phường Xuất Hóa", "phuong", "phuong-xuat-hoa"),
]

# (code, name, kind, slug, predecessor codes, external predecessor note): from 1/7/2025.
NEW_WARDS = [
    (
        "01843",
        "Phường Bắc Kạn",
        "phuong",
        "phuong-bac-kan",
        ["01837", "01843", "01855", "01852"],
        "",
    ),
    (
        "01840",
        "Phường Đức Xuân",
        "phuong",
        "phuong-duc-xuan",
        ["01834", "01846", "01840"],
        "",
    ),
    (
        "01849",
        "Xã Phong Quang",
        "xa",
        "xa-phong-quang",
        ["01849"],
        "Xã Đôn Phong (huyện Bạch Thông), không thuộc thành phố Bắc Kạn",
    ),
]

# (number, short name, full wording)
CONTENTS = [
    (
        1,
        "Kinh tế, giảm nghèo",
        "Đoàn kết tham gia phát triển kinh tế, tích cực giúp nhau giảm nghèo bền vững, "
        "nâng cao đời sống, khuyến khích làm giàu chính đáng",
    ),
    (
        2,
        "Văn hóa, giáo dục, y tế",
        "Đoàn kết xây dựng đời sống văn hóa, chăm lo sự nghiệp giáo dục, chăm sóc sức khỏe "
        "nhân dân, xây dựng gia đình văn hóa, phát huy truyền thống đền ơn đáp nghĩa, "
        "tương thân tương ái",
    ),
    (
        3,
        "Môi trường",
        "Đoàn kết tham gia bảo vệ môi trường, ứng phó với biến đổi khí hậu, xây dựng cảnh "
        "quan môi trường sáng, xanh, sạch, đẹp",
    ),
    (
        4,
        "Pháp luật, an ninh trật tự",
        "Đoàn kết chấp hành pháp luật, bảo đảm trật tự an toàn xã hội",
    ),
    (
        5,
        "Dân chủ, giám sát",
        "Đoàn kết phát huy dân chủ, tích cực tham gia giám sát và phản biện xã hội, góp "
        "phần xây dựng hệ thống chính trị ở cơ sở trong sạch, vững mạnh",
    ),
]

# (number, content number, goal, how it is measured, target)
GOALS = [
    (1, 1, "Giảm tỷ lệ hộ nghèo hằng năm", "Số hộ nghèo ÷ tổng số hộ", ""),
    (
        2,
        1,
        "Giảm hộ cận nghèo, không để tái nghèo",
        "Số hộ cận nghèo ÷ tổng số hộ; số hộ nghèo phát sinh, tái nghèo",
        "",
    ),
    (
        3,
        1,
        "Không còn nhà tạm, nhà dột nát",
        "Số nhà được xây mới, sửa chữa so với số nhà tạm còn lại",
        "",
    ),
    (
        4,
        2,
        'Hộ gia đình đạt danh hiệu "Gia đình văn hóa"',
        "Số hộ được công nhận ÷ tổng số hộ",
        "≥ 90%",
    ),
    (
        5,
        2,
        "Khu dân cư giữ vững danh hiệu văn hóa",
        "Khu dân cư giữ danh hiệu trong năm",
        "",
    ),
    (
        6,
        2,
        "Trẻ em đến trường, người dân có bảo hiểm y tế",
        "Tỷ lệ trẻ em đến trường (%), tỷ lệ người dân có bảo hiểm y tế (%)",
        "",
    ),
    (
        7,
        3,
        "Khu dân cư sáng, xanh, sạch, đẹp",
        "Tỷ lệ rác thải được thu gom, phân loại (%); có tổ tự quản môi trường",
        "",
    ),
    (
        8,
        4,
        "Khu dân cư an toàn về an ninh trật tự",
        'Danh hiệu "an toàn về ANTT"; số vụ hòa giải thành',
        "",
    ),
    (
        9,
        5,
        "Thực hiện tốt dân chủ ở cơ sở, giám sát cộng đồng",
        "Có hương ước, quy ước được phê duyệt; số cuộc giám sát đã tổ chức",
        "",
    ),
    (
        10,
        5,
        "Ban công tác Mặt trận vững mạnh; tổ chức Ngày hội Đại đoàn kết",
        "Ban công tác Mặt trận xếp loại Tốt/Xuất sắc; tổ chức Ngày hội",
        "",
    ),
]

# Poverty standards: (code, name, first year, last year, rural poor, urban poor,
# rural near-poor, urban near-poor, confirmed, source). QĐ 170/2005 is not in DESIGN.md's
# first list but is the standard 2010 figures were counted under. Under NĐ 07/2021 and
# the 2027 standard poor and near-poor households share the income line and differ by
# the number of deprivations (3 or more: poor), hence the same amounts.
NEW_STANDARD_REPORT = (
    "báo Huế Ngày nay (huengaynay.vn), bài “Chuẩn nghèo đa chiều quốc gia giai đoạn "
    "2026-2030”, thuật lại Nghị định quy định chuẩn nghèo đa chiều quốc gia giai đoạn "
    "2026–2030; số hiệu Nghị định chưa xác định được"
)
POVERTY_STANDARDS = [
    (
        "QĐ 170/2005/QĐ-TTg",
        "Chuẩn nghèo giai đoạn 2006–2010",
        2006,
        2010,
        200_000,
        260_000,
        None,
        None,
        True,
        "Quyết định 170/2005/QĐ-TTg ngày 08/7/2005 của Thủ tướng Chính phủ.",
    ),
    (
        "QĐ 09/2011/QĐ-TTg",
        "Chuẩn nghèo, cận nghèo giai đoạn 2011–2015",
        2011,
        2015,
        400_000,
        500_000,
        520_000,
        650_000,
        True,
        "Quyết định 09/2011/QĐ-TTg ngày 30/01/2011 của Thủ tướng Chính phủ.",
    ),
    (
        "QĐ 59/2015/QĐ-TTg",
        "Chuẩn nghèo tiếp cận đa chiều giai đoạn 2016–2021",
        2016,
        2021,
        700_000,
        900_000,
        1_000_000,
        1_300_000,
        True,
        "Quyết định 59/2015/QĐ-TTg ngày 19/11/2015 của Thủ tướng Chính phủ (giai "
        "đoạn 2016–2020); áp dụng cả năm 2021 theo DESIGN.md — văn bản kéo dài cần "
        "Mặt trận xác nhận.",
    ),
    (
        "NĐ 07/2021/NĐ-CP",
        "Chuẩn nghèo đa chiều giai đoạn 2022–2025, giữ nguyên năm 2026",
        2022,
        2026,
        1_500_000,
        2_000_000,
        1_500_000,
        2_000_000,
        True,
        "Nghị định 07/2021/NĐ-CP ngày 27/01/2021, Điều 3 (giai đoạn 2022–2025). "
        "Tiếp tục áp dụng từ 01/01/2026 đến hết 31/12/2026 theo "
        + NEW_STANDARD_REPORT
        + ".",
    ),
    (
        "Chuẩn nghèo từ 2027 (chưa xác nhận)",
        "Chuẩn nghèo đa chiều quốc gia giai đoạn 2027–2030",
        2027,
        2030,
        2_200_000,
        2_800_000,
        2_200_000,
        2_800_000,
        False,
        "Theo "
        + NEW_STANDARD_REPORT
        + ": thu nhập bình quân từ 2.200.000 đồng/người/tháng (nông thôn), "
        "2.800.000 đồng (đô thị) trở xuống; hộ nghèo thiếu hụt từ 3 chỉ số dịch vụ "
        "xã hội cơ bản trở lên, hộ cận nghèo dưới 3 chỉ số. Cần Mặt trận xác nhận số "
        "hiệu Nghị định.",
    ),
]

# (grade, lowest score, highest score, counts as strong)
RATING_GRADES = [
    ("Xuất sắc", 90, 100, True),
    ("Tốt", 80, 89, True),
    ("Khá", 65, 79, False),
    ("Trung bình", 50, 64, False),
    ("Yếu", 0, 49, False),
]
