"""The monthly cycle's figures (统计): targets, statistics, month closing, ranking and bulletin."""
