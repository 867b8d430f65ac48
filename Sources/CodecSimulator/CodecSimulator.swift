// A simulated H.323/SIP terminal speaking the Poly and Cisco dialects. (Issue 4.)
