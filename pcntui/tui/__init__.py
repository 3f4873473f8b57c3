"""The terminal user interface (Textual). Only plain `pcntui` (no subcommand) imports this.

Layout
    app.py          PcnApp: global keys, the open Store, sections as Textual modes, undo,
                    the financial year, polling for changes saved by another copy; run().
    app.tcss        the dashboard's styles; screens.tcss every other screen's (read after the figures)
    ahead.py        the busiest sections' first screens made, loaded and painted in the
                    background while the dashboard is read (a first visit is a switch).
    collector.py    Python's cyclic collector held from start-up to the first figures.
    sections.py     the one registry of sections: add a Section there to get its key, its
                    tab in the section bar, its palette entry and `enter` from its dashboard block.
    commands.py     the command-palette registry (PALETTE) and its Provider.
    messages.py     messages workers post (StoreOpened, DataChanged, ...) and describe_error().
    screens/base.py DataScreen: fetch() in a thread worker -> Loaded -> show(); reloads when
                    shown again after a change; worker failures become one-sentence notes.
    screens/table.py TableScreen: summary + ViewTable with / filter, o sort, enter open, x export.
    screens/        dashboard, pcn, history, help, first_run, message, and the modals
                    confirm (ConfirmModal, every delete), export (ExportModal, `x`), pick.
    widgets/        ViewTable (filter/sort state over a stock DataTable), SectionBar.

Rules
    * Database work runs in `@work(thread=True, exclusive=True, group="db", exit_on_error=False)`
      workers; they never touch widgets, they post messages; handlers own the state.
    * Every write is one `store.action(label)` (one undo step). After a write, post
      `DataChanged(note)` to the App: the current screen reloads, the others when shown.
    * Nothing touches the database before the first frame is painted (start-up budget,
      benchmarks/startup.py); the worker that then opens the file reads the screen on show's
      data too (one round trip to the figures); later loads are the screens' own.
    * Deletes go through ConfirmModal; forms validate as the user types.
"""
