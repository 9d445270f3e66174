"""Sources turn the outside world into ``Article`` values (or quarantined records).

Only this package reads the network. Every source yields ``Article | QuarantineItem``
so one bad record is reported and kept, never fatal.
"""
