# Career Test-Drive in the browser (pygbag). pygbag runs this file; the game loop is
# async so the browser stays responsive: one `await asyncio.sleep(0)` per frame.
import asyncio

from engine.desktop.browser import main

asyncio.run(main())
