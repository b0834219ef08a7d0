"""What the screens and the commands name of the storage below: its errors and the file format
of an opened folder, so that they import services only, never the store."""

from supervisor_tui.store.atomic import FileFormat as FileFormat
from supervisor_tui.store.atomic import PlainFormat as PlainFormat
from supervisor_tui.store.errors import StoreCorruptError as StoreCorruptError
from supervisor_tui.store.errors import StoreError as StoreError
from supervisor_tui.store.errors import StoreWriteError as StoreWriteError
