"""The Front committees that approve or read the figures, by unit and reporting year.

A year's figures are approved by the committee that collects them: the city committee
for the years reported under the old units (to 2024); from 2025 each ward/commune
committee for its own areas (the 2025 results are collected in November 2025, under
the units in force from 1/7/2025, after the district-level committees were wound up).
The province committee reads everything. Facts to confirm with the Front: the exact
legal act that wound up the district-level committees.
"""

from campaigns.services.reference_data import REORGANISATION_BASIS

SOURCE_CITY = (
    "Ủy ban MTTQ cấp huyện duyệt kết quả Cuộc vận động hằng năm của các khu dân cư "
    "đến năm 2024; kết thúc hoạt động khi bỏ cấp huyện từ 1/7/2025 "
    f"({REORGANISATION_BASIS}). Cần Ủy ban MTTQ xác nhận."
)
SOURCE_COMMUNE = (
    "Từ 1/7/2025 chính quyền địa phương hai cấp; Ủy ban MTTQ phường/xã duyệt kết quả "
    f"của khu dân cư mình từ năm 2025 ({REORGANISATION_BASIS}). Cần Ủy ban MTTQ xác nhận."
)
SOURCE_PROVINCE = (
    "Thành phố Bắc Kạn (cũ) thuộc tỉnh Thái Nguyên từ 1/7/2025 "
    f"({REORGANISATION_BASIS}); Ủy ban MTTQ tỉnh theo dõi, không duyệt số liệu khu dân cư."
)

# (name, level, code of the unit approved (in force from 1/7/2025) or None for every
# unit, approves, first year, last year, source)
APPROVING_BODIES = [
    (
        "Ủy ban MTTQ Việt Nam thành phố Bắc Kạn",
        "city",
        None,
        True,
        2010,
        2024,
        SOURCE_CITY,
    ),
    (
        "Ủy ban MTTQ Việt Nam phường Bắc Kạn",
        "commune",
        "01843",
        True,
        2025,
        None,
        SOURCE_COMMUNE,
    ),
    (
        "Ủy ban MTTQ Việt Nam phường Đức Xuân",
        "commune",
        "01840",
        True,
        2025,
        None,
        SOURCE_COMMUNE,
    ),
    (
        "Ủy ban MTTQ Việt Nam xã Phong Quang",
        "commune",
        "01849",
        True,
        2025,
        None,
        SOURCE_COMMUNE,
    ),
    (
        "Ủy ban MTTQ Việt Nam tỉnh Thái Nguyên",
        "province",
        None,
        False,
        2025,
        None,
        SOURCE_PROVINCE,
    ),
]
