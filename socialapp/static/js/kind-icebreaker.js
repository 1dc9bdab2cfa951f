/* icebreaker segment screens: registered as SA.kinds.icebreaker = { phone, display, host } by its own issue. */
