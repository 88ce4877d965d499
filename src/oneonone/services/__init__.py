"""The App's services: each module one job, owned by the App and reached through ``AppServices``.

- ``hub``: ``AppServices``, what the App owns and what screens reach (``oneonone.ports``);
- ``notices``: the one place a store error becomes what the user sees;
- ``loading``: reads in a worker, then what was read on the UI thread (screens ask it too);
- ``saving``: saves in a worker, retry (ctrl+s), the emergency save;
- ``navigation``: going from screen to screen, and the reads behind it;
- ``startup``: what starts once the first frame is painted (scripts, reviews, search);
- ``disk``: the data file changed by another program;
- ``signals``: the terminal closed or the process terminated;
- ``exporting``: session logs written to files;
- ``team``: the team's state (``TeamState``), changed here only, then home and the roster told.
"""
