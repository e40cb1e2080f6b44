"""Source text of a peak-memory probe, for tests that measure a child Python process."""

PEAK_RSS = """
import resource, sys, time
def peak_rss() -> int:
    '''Peak resident memory of this process, in bytes. VmHWM, because ru_maxrss counts the memory
    of the (forked) parent too: it is not reset by exec.'''
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
"""
