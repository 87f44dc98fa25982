"""Learned detectors: the code that scores text with weights trained by ``train/`` and
shipped beside it as data. ``fluency`` reads its weights with the standard library only;
``fluency_cnn`` (a candidate, not used by any check yet) needs NumPy, imported when its
model is first loaded."""
