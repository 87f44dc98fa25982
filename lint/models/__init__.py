"""Learned detectors: the code that scores text with weights trained by ``train/`` and
shipped beside it as data. They read the weights with the standard library only."""
