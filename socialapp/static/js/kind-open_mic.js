/* open_mic segment screens: registered as SA.kinds.open_mic = { phone, display, host } by its own issue. */
