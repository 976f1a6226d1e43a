// What the play page's view modules may use of the page: they render a view and send
// actions through this object, nothing else (the player's state stays in pages/play.js).

/**
 * @typedef {object} KioskHooks
 * @property {() => void} onReady   the engine has booted
 * @property {(view: any) => void} onView   a view was shown
 * @property {() => void} done   the visitor pressed Done at the ending
 */

/**
 * @typedef {object} PlayContext
 * @property {string} simId
 * @property {KioskHooks | null} kiosk   set at the kiosk: nothing is saved there
 * @property {(action: Record<string, any>, onRefused?: (message: string) => void) => void} act   send an
 *   action to the session; a refusal goes to onRefused when given, else to a notice
 * @property {(request: Record<string, any>) => Promise<any>} call   a raw engine request (the QR code)
 * @property {() => void} playAgain   forget this game and start a new one
 */

/** A context that does nothing: for rendering a view that cannot be played yet (the build's first scene). */
/** @returns {PlayContext} */
export function inertContext(simId = "") {
  return {
    simId,
    kiosk: null,
    act: () => {},
    call: async () => ({ ok: false, error: "internal", message: "not ready" }),
    playAgain: () => {},
  };
}
