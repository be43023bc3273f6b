"""How tests/data/roster_messy.xls was made (once; the .xls is committed).

xlwt is not a dependency of the project (nothing writes .xls); to remake the file:
    pip install --target /tmp/xlwt_pkg xlwt && PYTHONPATH=/tmp/xlwt_pkg:. python tests/data/make_roster_xls.py
"""

from datetime import date, datetime
from pathlib import Path

import xlwt

from tests.rosters import person_id

HERE = Path(__file__).resolve().parent


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("职工名册")
    sheet.write(0, 0, "商州区人民医院职工名册")
    header = ["序号", "姓 名", "公民身份号码", "性别", "出生日期", "联系电话", "备注"]
    for col, text in enumerate(header):
        sheet.write(2, col, text)
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    rows = [
        (1, "刘洋", person_id(101), "男", datetime(1980, 5, 1), 13900000001, ""),
        (2, "陈静", person_id(102, born=date(1990, 7, 15), male=False), "女", datetime(1990, 7, 15), 13900000002, ""),
        (3, "杨帆", 611002198005011000.0, "男", datetime(1980, 5, 1), "", "身份证号被存成数字"),
        (4, "黄磊", "611002800501" + "103", "男", "", "", "15位旧号码"),
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write(r, c, value, dates)
            else:
                sheet.write(r, c, value)
    book.save(str(HERE / "roster_messy.xls"))


if __name__ == "__main__":
    main()
