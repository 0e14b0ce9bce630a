"""The campaign's dated reference data: its phases, the earlier phase's contents, the
portal's goal set and the titles of each decree, each with its source.

Facts marked unconfirmed still need confirming by the Front (docs/decisions.md, issue 12).
"""

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
