// A simulated VISCA camera chain. (Issue 2.)
