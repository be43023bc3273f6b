"""统计: the figures of the monthly cycle by city, county and unit, with the charts, Excel and the month report."""
