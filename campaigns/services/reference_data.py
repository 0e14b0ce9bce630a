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

# Campaign phases: (key, name, short name, first year, last year, launched by,
# confirmed, source). The key is the short name, which load_reference matches on.
PHASES = [
    (
        "Đời sống văn hóa ở khu dân cư",
        "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư",
        None,
        2015,
        "Ủy ban Trung ương MTTQ Việt Nam",
        False,
        "Phát động năm 1995 (Thông tri 04 ngày 3/5/1995 của Ủy ban Trung ương MTTQ "
        "Việt Nam, với tên “Toàn dân đoàn kết xây dựng cuộc sống mới ở khu dân cư”, "
        "sau đổi tên), theo bài tổng hợp trên báo; giai đoạn kết thúc năm 2015 theo "
        "DESIGN.md. Cách diễn đạt các nội dung cần Ban Thường trực Ủy ban MTTQ xác "
        "nhận theo văn bản hướng dẫn của giai đoạn.",
    ),
    (
        "Nông thôn mới, đô thị văn minh",
        "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        2016,
        None,
        "Ủy ban Trung ương MTTQ Việt Nam",
        True,
        "Cuộc vận động lồng ghép phát động năm 2016 (DESIGN.md §2; issue 12); 5 nội "
        "dung theo DESIGN.md. Số hiệu văn bản phát động cần Mặt trận bổ sung.",
    ),
]
NEW_PHASE = PHASES[1][0]
OLD_PHASE = PHASES[0][0]
CONTENT_SOURCE = "Nội dung của Cuộc vận động từ 2016, theo DESIGN.md §2."
# Contents of the earlier phase: (number, short name, wording, number of the 2016
# content that carries it on). The wording is ours, pending the Front's confirmation.
OLD_CONTENT_SOURCE = (
    "Cách diễn đạt của cổng, chưa đối chiếu văn bản: cần Ban Thường trực Ủy ban MTTQ "
    "xác nhận nội dung Cuộc vận động giai đoạn trước 2016."
)
OLD_CONTENTS = [
    (
        1,
        "Xóa đói giảm nghèo",
        "Đoàn kết giúp nhau phát triển kinh tế, xóa đói, giảm nghèo, làm giàu chính đáng",
        1,
    ),
    (
        2,
        "Gia đình văn hóa, nếp sống",
        "Xây dựng gia đình văn hóa, khu dân cư văn hóa; xây dựng nếp sống văn minh, "
        "giữ gìn bản sắc văn hóa dân tộc",
        2,
    ),
    (
        3,
        "Vệ sinh môi trường",
        "Giữ gìn vệ sinh môi trường, xây dựng khu dân cư xanh, sạch, đẹp",
        3,
    ),
    (
        4,
        "An ninh trật tự",
        "Giữ gìn an ninh chính trị, trật tự an toàn xã hội; phòng chống tội phạm và tệ "
        "nạn xã hội ở khu dân cư",
        4,
    ),
    (
        5,
        "Dân chủ ở cơ sở",
        "Thực hiện quy chế dân chủ ở cơ sở; xây dựng Ban công tác Mặt trận và tổ chức "
        "Ngày hội Đại đoàn kết ở khu dân cư",
        5,
    ),
]

# The portal's goal set (the ten GOALS above), matched on its first year.
GOAL_SET = {
    "valid_from_year": 2010,
    "name": "Bộ 10 mục tiêu của cổng thông tin",
    "set_by": "Ban Thường trực Ủy ban MTTQ thành phố Bắc Kạn (bộ mục tiêu của cổng "
    "thông tin)",
    "source": "Bộ mục tiêu đo được cho từng khu dân cư, xây dựng cùng cổng thông tin "
    "theo 5 nội dung từ 2016 (DESIGN.md §2); dùng cho mọi năm cổng có số liệu (từ "
    "2010).",
    "note": "Không phải danh mục quốc gia: không tìm thấy danh sách chính thức 10 mục "
    "tiêu. Cán bộ thành phố có thể thay bộ mục tiêu từ một năm; các năm trước giữ "
    "nguyên mục tiêu và kết quả.",
    "confirmed": True,
}

# Titles: (legal document, first year, last year, confirmed, source,
# {holder: title}). Reviews are held before the end of November, so a decree in force
# by then applies to that year.
TITLES = [
    (
        "QĐ 62/2006/QĐ-BVHTT",
        2006,
        2010,
        True,
        "Quyết định 62/2006/QĐ-BVHTT ngày 23/6/2006 (Quy chế công nhận danh hiệu “Gia "
        "đình văn hóa”, “Làng văn hóa”, “Tổ dân phố văn hóa”); năm cuối cần xác nhận.",
        {
            "gia_dinh": "Gia đình văn hóa",
            "thon": "Làng văn hóa",
            "ban": "Làng văn hóa",
            "to_dan_pho": "Tổ dân phố văn hóa",
        },
    ),
    (
        "TT 12/2011/TT-BVHTTDL",
        2011,
        2017,
        False,
        "Thông tư 12/2011/TT-BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch; số hiệu, "
        "ngày hiệu lực và tên danh hiệu cần Mặt trận xác nhận.",
        {
            "gia_dinh": "Gia đình văn hóa",
            "thon": "Thôn văn hóa",
            "ban": "Bản văn hóa",
            "to_dan_pho": "Tổ dân phố văn hóa",
        },
    ),
    (
        "NĐ 122/2018/NĐ-CP",
        2018,
        2023,
        True,
        "Nghị định 122/2018/NĐ-CP ngày 17/9/2018, hiệu lực từ 05/11/2018 (xét tặng "
        "danh hiệu “Gia đình văn hóa”; “Thôn văn hóa”, “Làng văn hóa”, “Ấp văn hóa”, "
        "“Bản văn hóa”, “Tổ dân phố văn hóa”).",
        {
            "gia_dinh": "Gia đình văn hóa",
            "thon": "Thôn văn hóa",
            "ban": "Bản văn hóa",
            "to_dan_pho": "Tổ dân phố văn hóa",
        },
    ),
    (
        "NĐ 86/2023/NĐ-CP",
        2024,
        None,
        True,
        "Nghị định 86/2023/NĐ-CP ngày 07/12/2023, hiệu lực từ 30/01/2024 (danh hiệu "
        "“Gia đình văn hóa”, “Thôn, tổ dân phố văn hóa”, “Xã, phường, thị trấn tiêu "
        "biểu”; thôn gồm cả làng, ấp, bản).",
        {
            "gia_dinh": "Gia đình văn hóa",
            "thon": "Thôn văn hóa",
            "ban": "Thôn văn hóa",
            "to_dan_pho": "Tổ dân phố văn hóa",
            "xa": "Xã tiêu biểu",
            "phuong": "Phường tiêu biểu",
            "thi_tran": "Thị trấn tiêu biểu",
        },
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
